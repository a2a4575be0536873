/// Selection without sorting: what a full rule needs to find the groups it lets go.
enum AlertSelection {
    /// Reorders `values` so that its first `count` elements are its `count` smallest (in no
    /// particular order), and returns the largest of them. Expected linear time (Hoare's
    /// selection with a middle pivot), where sorting would be n log n. `count` must be between
    /// 1 and `values.count`.
    static func smallest(_ count: Int, of values: inout [Int]) -> Int {
        precondition(count >= 1 && count <= values.count)
        let target = count - 1
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[low + (high - low) / 2]
            var left = low
            var right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while values[right] > pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            // Now values[low...right] <= pivot <= values[left...high], and between them
            // (right < k < left) every value equals the pivot.
            if target <= right {
                high = right
            } else if target >= left {
                low = left
            } else {
                return values[target]
            }
        }
        return values[target]
    }
}
