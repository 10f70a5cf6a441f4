// libFuzzer harness: FuzzTarget.rowValidator (Fuzz/Targets), built by scripts/fuzz with the
// ReferralCore sources; never by SwiftPM. FuzzRegressionTests replays Fuzz/regressions/RowValidator/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.rowValidator.fuzz(data, size)
    return 0
}
