// docs/*.md are generated from the definitions; fail when they drift.
// Regenerate with: for d in input-format config metrics; do gapscore docs $d > docs/$d.md; done
#include <gtest/gtest.h>

#include <set>

#include "gapscore/catalog.h"
#include "gapscore/docs.h"
#include "test_util.h"

namespace gapscore {
namespace {

std::string doc(const std::string& name) {
  return testing_util::read_file(std::string(GAPSCORE_SOURCE_DIR) + "/docs/" + name + ".md");
}

TEST(Docs, InputFormatIsCurrent) { EXPECT_EQ(doc("input-format"), input_format_markdown()); }
TEST(Docs, ConfigIsCurrent) { EXPECT_EQ(doc("config"), config_markdown()); }
TEST(Docs, MetricsIsCurrent) { EXPECT_EQ(doc("metrics"), catalog_markdown()); }

TEST(Docs, EveryCatalogNameIsUniqueSnakeCase) {
  std::set<std::string> seen;
  for (const MetricDef& d : metric_catalog()) {
    const std::string name(d.name);
    EXPECT_TRUE(seen.insert(name + "/" + metric_section_name(d.section)).second) << name;
    for (char c : name) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') << name;
    EXPECT_FALSE(d.formula.empty()) << name;
    EXPECT_FALSE(d.unit.empty()) << name;
    EXPECT_FALSE(d.description.empty()) << name;
    // The label is what texts say: words, never the key itself.
    EXPECT_FALSE(d.label.empty()) << name;
    EXPECT_EQ(std::string(d.label).find('_'), std::string::npos) << name;
    EXPECT_EQ(metric_label(name), std::string(d.label));
    EXPECT_NE(doc("metrics").find("### `" + name + "`"), std::string::npos) << name;
  }
}

TEST(Docs, MetricLabelOfAnUnknownNameHasNoUnderscore) {
  EXPECT_EQ(metric_label("utilization_rate"), "AI use where the playbook recommends it");
  EXPECT_EQ(metric_label("not_in_catalog"), "not in catalog");
}

}  // namespace
}  // namespace gapscore
