//! libFuzzer entry point: [`wikken_fuzz::case_import`] must never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wikken_fuzz::case_import(data));
