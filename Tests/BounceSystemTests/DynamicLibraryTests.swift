import BounceSystem
import Testing

@Suite("Dynamic library")
struct DynamicLibraryTests {
    @Test func aLibraryIsLoadedAndItsFunctionFound() throws {
        let library = try DynamicLibrary(named: "libc.so.6")
        typealias Length = @convention(c) (UnsafePointer<CChar>) -> Int
        let length = unsafeBitCast(try library.address(of: "strlen"), to: Length.self)
        #expect(length("bounce") == 6)
    }

    @Test func aMissingLibraryIsAnErrorThatNamesIt() {
        let error = #expect(throws: DynamicLibraryError.self) {
            _ = try DynamicLibrary(named: "libbouncewatch-absent.so.1")
        }
        #expect(error?.library == "libbouncewatch-absent.so.1")
        #expect(error?.reason.contains("cannot open shared object file") == true)
        #expect(error?.description.hasPrefix("cannot load libbouncewatch-absent.so.1: ") == true)
    }

    @Test func aMissingSymbolIsAnErrorThatNamesIt() throws {
        let library = try DynamicLibrary(named: "libc.so.6")
        let error = #expect(throws: DynamicLibraryError.self) {
            _ = try library.address(of: "bouncewatch_no_such_function")
        }
        #expect(error?.reason.contains("bouncewatch_no_such_function") == true)
    }
}
