// One function per CLI command; each returns the process exit code
// (0 ok, 1 data problem, 2 usage error; verify has its own, see cmd_verify.cpp).
#pragma once

#include <string>
#include <vector>

namespace gapscore::cli {

int run_generate(const std::vector<std::string>& args);
int run_validate(const std::vector<std::string>& args);
int run_analyze(const std::vector<std::string>& args);
int run_metrics(const std::vector<std::string>& args);
int run_docs(const std::vector<std::string>& args);
int run_verify(const std::vector<std::string>& args);
int run_partial(const std::vector<std::string>& args);
int run_merge(const std::vector<std::string>& args);

}  // namespace gapscore::cli
