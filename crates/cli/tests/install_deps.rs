//! `scripts/install-deps` decides what to install from what bindgen really
//! loads: on the project's machine image, which ships `libclang-cpp14`
//! (libclang-cpp.so.14) but not libclang itself, it must install
//! `libclang-dev`. dpkg is asked through a stand-in on `PATH`, so the test
//! answers the same on any machine.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// A `dpkg-query` that says the libclang -dev package is (or is not)
/// installed, and a `cmake` that exists.
fn stand_ins(dir: &Path, libclang_dev_installed: bool) {
    let status = if libclang_dev_installed {
        "installed"
    } else {
        "not-installed"
    };
    let dpkg = format!(
        "#!/bin/sh\n# the image: libclang-cpp14 only\ncase \"$*\" in *libclang-*-dev*) echo {status};; esac\nexit 0\n"
    );
    for (name, body) in [
        ("dpkg-query", dpkg.as_str()),
        ("cmake", "#!/bin/sh\nexit 0\n"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, body).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn dry_run(dir: &Path) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install-deps");
    let path = format!("{}:{}", dir.display(), std::env::var("PATH").unwrap());
    let out = Command::new("bash")
        .arg(script)
        .arg("--dry-run")
        .env("PATH", path)
        .env_remove("LIBCLANG_PATH")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn libclang_cpp_alone_is_not_libclang() {
    let dir = tempfile::tempdir().unwrap();
    stand_ins(dir.path(), false);
    let said = dry_run(dir.path());
    assert!(said.contains("libclang-dev"), "{said}");
    stand_ins(dir.path(), true);
    let said = dry_run(dir.path());
    assert!(!said.contains("libclang-dev"), "{said}");
}
