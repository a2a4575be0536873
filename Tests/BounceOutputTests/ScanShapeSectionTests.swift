import BounceCore
import Foundation
import Testing

@testable import BounceOutput

@Suite struct ScanShapeSectionTests {
    @Test func textListsUnclassifiedShapesWithExamplesBeforeLines() throws {
        let text = ScanTextRenderer.render(SampleReports.small)
        let section = try #require(text.range(of: "\nUnclassified replies (by shape): 13\n"))
        let lines = try #require(text.range(of: "\nLines\n"))
        #expect(section.upperBound <= lines.lowerBound)
        #expect(
            text[section.upperBound...].hasPrefix(
                """
                  10  451 busy on <host>, try in # minutes
                      e.g. 451 Busy on mx2.example.org, try in 5 minutes
                   3  550 computer says no
                      e.g. 550 Computer says no

                """))
    }

    @Test func textSaysZeroWhenEveryFailureWasExplained() {
        let text = ScanTextRenderer.render(ScanReport())
        #expect(
            text.contains(
                "\nUnclassified replies (by shape): 0\n\n"
                    + "Guessed from the reply code alone (by shape): 0\n\nLines\n"))
    }

    @Test func textCleansControlBytesAndMarksApproximateCounts() {
        let report = ScanReport(
            unclassifiedShapes: ShapeReport(
                total: 9,
                shapes: [
                    ShapeCount(shape: "550 a\u{1B}[31m", count: 2, example: "550 a\r\nb\u{0}")
                ],
                approximate: true))
        let text = ScanTextRenderer.render(report)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\r"))
        #expect(!text.contains("\u{0}"))
        #expect(text.contains("(many distinct shapes: counts are lower bounds)"))
    }

    @Test func jsonHasTheShapes() throws {
        let text = ScanJSONRenderer.render(SampleReports.small)
        let document = try #require(
            JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let section = try #require(document["unclassified_replies"] as? [String: Any])
        #expect(section["total"] as? Int == 13)
        #expect(section["approximate"] as? Bool == false)
        let shapes = try #require(section["shapes"] as? [[String: Any]])
        #expect(shapes.count == 2)
        #expect(shapes.first?["shape"] as? String == "451 busy on <host>, try in # minutes")
        #expect(shapes.first?["count"] as? Int == 10)
        #expect(
            shapes.first?["example"] as? String == "451 Busy on mx2.example.org, try in 5 minutes")
    }

    @Test func textListsGuessesApartAfterTheUnclassified() throws {
        let text = ScanTextRenderer.render(SampleReports.small)
        let unclassified = try #require(text.range(of: "\nUnclassified replies (by shape): 13\n"))
        let guesses = try #require(
            text.range(of: "\nGuessed from the reply code alone (by shape): 4\n"))
        #expect(unclassified.upperBound <= guesses.lowerBound)
        #expect(
            text[guesses.upperBound...].hasPrefix(
                """
                  4  554 transaction refused by <host>
                     e.g. 554 Transaction refused by mx.example.org

                """))
    }

    @Test func jsonHasTheGuessesApart() throws {
        let text = ScanJSONRenderer.render(SampleReports.small)
        let document = try #require(
            JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let section = try #require(document["guessed_replies"] as? [String: Any])
        #expect(section["total"] as? Int == 4)
        let shapes = try #require(section["shapes"] as? [[String: Any]])
        #expect(shapes.first?["shape"] as? String == "554 transaction refused by <host>")
        #expect(shapes.first?["count"] as? Int == 4)
    }
}
