#pragma once
// Mints JWTs as any system holding the event secret could (a registration
// portal), and the ones nobody should be able to: another algorithm, no
// signature, odd claims. Written apart from server/auth so the tests do not
// share its mistakes.

#include <nlohmann/json.hpp>
#include <string>

namespace veche::test {

std::string base64url(const std::string& bytes);

// header.claims.signature with the signature HMAC-SHA256 (or -SHA512 when the
// header says HS512) of header.claims under the secret; an empty secret
// leaves the signature empty.
std::string mint_jwt(const nlohmann::json& header, const nlohmann::json& claims, const std::string& secret);

// Seconds since the epoch, as exp and nbf count.
long long unix_now();

}  // namespace veche::test
