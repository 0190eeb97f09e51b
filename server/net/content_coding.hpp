#pragma once
// Which content coding to send, from the client's Accept-Encoding (RFC 9110
// section 12.5.3): the acceptable one with the highest q-value among those
// the server has, ties going to the smaller (br, then gzip, then identity).
// A client that names no coding gets identity bytes.

#include <string_view>

namespace veche::net {

enum class content_coding { identity, gzip, br };

std::string_view to_string(content_coding c);

content_coding choose_coding(std::string_view accept_encoding, bool have_br, bool have_gzip);

}  // namespace veche::net
