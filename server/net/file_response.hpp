#pragma once
// The one place that opens a file to answer a request. It takes only an
// indexed_file (so only what an index found can be sent), checks that the
// file on disk is still the one indexed, and answers conditional requests
// (If-None-Match: 304), byte ranges (Range, If-Range: 206, 416) and HEAD.

#include "net/http_types.hpp"
#include "net/indexed_file.hpp"

#include <string_view>

namespace veche::net {

http::message_generator file_response(const http_request& req, const indexed_file& file,
                                      std::string_view cache_control);

}  // namespace veche::net
