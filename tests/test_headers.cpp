// The translation unit that compiles the tests' shared precompiled header
// (gapscore_test_headers in tests/CMakeLists.txt); it has no code of its own.
