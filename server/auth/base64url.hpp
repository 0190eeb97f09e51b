#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace veche::auth {

// Base64url without padding (RFC 4648 section 5), as JWT uses it.
std::string base64url_encode(std::string_view bytes);
// Nothing when the text has characters outside the alphabet or a bad length.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace veche::auth
