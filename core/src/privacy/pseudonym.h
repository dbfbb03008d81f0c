// Pseudonymous person ids: HMAC-SHA256 keyed with the caller's salt, so the
// same person gets the same id in every report with that salt, and nobody
// without the salt can link ids back to people.
#pragma once

#include <string>
#include <string_view>

namespace gapscore::privacy {

std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// "p_" + the first 16 hex digits of HMAC-SHA256(salt, person_id).
std::string pseudonym(std::string_view salt, std::string_view person_id);

}  // namespace gapscore::privacy
