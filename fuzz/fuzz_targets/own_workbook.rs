//! libFuzzer entry point: [`wikken_fuzz::own_workbook`] must never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wikken_fuzz::own_workbook(data));
