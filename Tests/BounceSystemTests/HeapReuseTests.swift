import BounceSystem
import Testing

@Suite("Heap reuse")
struct HeapReuseTests {
    @Test func theCLibraryTakesTheThresholds() {
        // glibc's `mallopt` is found and accepts both settings; were either refused, `scan`
        // would silently go back to a page fault per fresh page of every piece.
        #expect(HeapReuse.keepFreedBlocks())
        // Setting them again is harmless: every pool of a process may ask.
        #expect(HeapReuse.keepFreedBlocks())
    }
}
