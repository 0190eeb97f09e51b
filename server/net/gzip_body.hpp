#pragma once
// gzip (RFC 1952) for JSON and text answers that are worth it; the web
// client's files are compressed when they are built, never here.

#include <string>
#include <string_view>

namespace veche::net {

std::string gzip_compress(std::string_view bytes);

}  // namespace veche::net
