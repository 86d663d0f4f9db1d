/// The one place the version is written (`noc-report --version`, the man page).
let version = "0.2.0"
