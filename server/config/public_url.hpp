#pragma once
// http.public_url: the address participants use to reach the forum
// ("https://forum.example.ru"), which pages put in QR codes and links.

#include <optional>
#include <string>
#include <string_view>

namespace veche::config {

// An http(s) origin: scheme, host (a name, an IPv4 address or a bracketed
// IPv6 one) and an optional port; a single trailing "/" is allowed. Returns it
// as a browser spells the origin (scheme and host in lower case, no default
// port, no trailing "/"), or nothing for anything else: a path, a query,
// user info, a bad port.
std::optional<std::string> parse_public_url(std::string_view text);

}  // namespace veche::config
