//! libFuzzer entry point: [`wikken_fuzz::cbs_odata`] must never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wikken_fuzz::cbs_odata(data));
