# Sourced by tools/test.sh and tools/fuzz.sh: runtime options of the sanitized
# trees (build/native-asan, build/native-fuzz). Any ASan or UBSan report ends
# the process with a failure (UB is also fatal at compile time:
# -fno-sanitize-recover=undefined), and leaks are reported (LeakSanitizer).
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
