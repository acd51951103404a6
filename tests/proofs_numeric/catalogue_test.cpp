// The catalogue is declared once, in code: docs/catalogue.md's table must be exactly what
// `ltv check --list --markdown` prints (catalogue_markdown of the catalogue), and every obligation
// carries its paper reading (provenance.cpp) and a declared scope.
#include "catalogue.hpp"
#include "provenance.hpp"

#include "ltv/verify/catalogue_table.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace {

/// The lines of docs/catalogue.md that belong to its first Markdown table.
std::string table_in(const std::string& markdown) {
  std::istringstream in(markdown);
  std::string line, table;
  bool inside = false;
  while (std::getline(in, line)) {
    const bool row = !line.empty() && line.front() == '|';
    if (row) table += line + "\n";
    if (inside && !row) break;
    inside = row;
  }
  return table;
}

}  // namespace

TEST_CASE("docs/catalogue.md's table is the one the code declares", "[catalogue]") {
  std::ifstream file(std::filesystem::path(LTV_SOURCE_DIR) / "docs" / "catalogue.md");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  const std::string expected = ltv::catalogue_markdown(ltv::proofs::catalogue());
  INFO("regenerate with: build/bin/ltv check --list --markdown");
  CHECK(table_in(text.str()) == expected);
}

TEST_CASE("table_in finds a changed row (the docs test can fail)", "[catalogue]") {
  const std::string expected = ltv::catalogue_markdown(ltv::proofs::catalogue());
  std::string edited = expected;
  edited.replace(edited.find("identity"), 8, "identitX");
  CHECK(table_in("# title\n\n" + edited + "\nprose\n") != expected);
  CHECK(table_in("# title\n\n" + expected + "\nprose\n| later | table |\n") == expected);
}

TEST_CASE("every obligation has a paper reading and a file and a scope and no reading is stray", "[catalogue]") {
  const auto all = ltv::proofs::catalogue();
  std::set<std::string> ids;
  for (const auto& o : all) {
    INFO(o.id);
    ids.insert(o.id);
    CHECK(std::filesystem::exists(std::filesystem::path(LTV_SOURCE_DIR) / "proofs_numeric" / o.file));
    CHECK_FALSE(o.scope.checked.empty());
    if (o.printed_form.source == ltv::Source::Ltv) continue;
    CHECK_FALSE(o.printed_form.where.empty());
    CHECK_FALSE(o.conventions.empty());
    if (o.printed_form.source == ltv::Source::Verbatim) CHECK_FALSE(o.printed_form.quote.empty());
    if (o.printed_form.source == ltv::Source::Reconstructed) CHECK_FALSE(o.printed_form.note.empty());
  }
  for (const auto& [id, reading] : ltv::proofs::paper_readings()) {
    INFO(id);
    CHECK(ids.count(id) == 1);
  }
}
