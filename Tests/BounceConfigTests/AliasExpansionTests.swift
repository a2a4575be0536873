import BounceConfig
import Testing

/// Aliases stand for their anchor's whole value; what they may add is capped, so a small
/// file cannot make the reader check gigabytes (issue #18: a 200 KB file took 33 s).
@Suite struct AliasExpansionTests {
    @Test func aScalarAliasedThousandsOfTimesIsRefusedQuicklyAtTheAliasOverTheCap() throws {
        // A 60 KiB scalar, then one alias per line from line 3 on: the 18th alias (line 20)
        // takes the repeated text over 1 MiB.
        let yaml =
            "hostname: &big \"" + String(repeating: "x", count: 60 * 1024) + "\"\nalerts:\n"
            + String(repeating: "- *big\n", count: 35_000)
        #expect(yaml.utf8.count > 200_000)
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(loadError(yaml))
        // Generous for a loaded machine: without the cap this took 33 s in a release build.
        #expect(clock.now - started < .seconds(10))
        #expect(
            error.description
                == "bouncewatch.yml:20: aliases repeat more than 1 MiB of text in all (this one "
                + "brings it to 1105920 bytes); write the values out or use fewer aliases")
    }

    @Test func nestedAnchorsAreCappedByTheNumberOfValues() throws {
        // Each line's list holds ten of the previous one: 11, 111, 1,111, 11,111 values.
        let yaml = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]

            """
        let error = try #require(loadError(yaml))
        #expect(error.line == 5)
        #expect(error.key == "")
        #expect(
            error.message
                == "aliases repeat more than 100000 values in all (this one brings it to "
                + "101218); write the values out or use fewer aliases")
    }

    @Test func aliasesWithinTheCapsWork() throws {
        let config = try load(
            """
            notifiers:
              - type: file
                path: /var/lib/bouncewatch/alerts.mbox
            alerts:
              - name: spam
                match: &spam {cause: spam}
                threshold: 1
                window: &window 15m
              - name: spam-destinations
                match: *spam
                threshold: 5
                window: *window
                group_by: [destination]
            """)
        #expect(config.alerts.map(\.windowSeconds) == [900, 900])
        #expect(config.alerts[0].match == config.alerts[1].match)
    }
}
