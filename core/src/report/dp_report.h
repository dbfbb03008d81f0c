// The report under differential privacy or cell-key perturbation: only the
// noisy headline figures per group and overall (and what can be derived from
// them), nothing exact about people or rows.
#pragma once

#include "analysis/run.h"
#include "gapscore/config.h"
#include "dataset/dataset.h"
#include "gapscore/status.h"
#include "privacy/ledger.h"
#include "report/json_out.h"

namespace gapscore::report {

// A differentially private release's entry in the privacy-budget ledger
// (privacy.differential_privacy.ledger), after this release.
struct LedgerState {
  std::string id;
  privacy::LedgerEntry entry;
};

// `ledger` null: the release is not tracked (callers that do not keep a ledger).
Result<Json> build_dp_report(const Dataset& ds, const Config& config, const analysis::AnalysisResult& a,
                             const LedgerState* ledger);
// Adoption-only (people + AI-usage exports): noisy population, active and
// engaged users per group and overall; nothing else about the usage is released.
Result<Json> build_dp_adoption_report(const Dataset& ds, const Config& config, const LedgerState* ledger);

// Protection cell_key (privacy/cell_key.h): the same figures as under dp,
// perturbed consistently (the same cell gets the same noise in every report).
Result<Json> build_cell_key_report(const Dataset& ds, const Config& config, const analysis::AnalysisResult& a);
// Adoption-only: population, active and engaged users, perturbed.
Result<Json> build_cell_key_adoption_report(const Dataset& ds, const Config& config);

}  // namespace gapscore::report
