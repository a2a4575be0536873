/// `value / divisor` rounded toward minus infinity (Swift's `/` rounds toward zero), so a
/// moment before 1970 or a negative offset falls in the day, hour or slot that contains it.
/// `divisor` must be positive.
func floorDivision(_ value: Int, _ divisor: Int) -> Int {
    value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
}
