#pragma once
// The one place that opens a file to answer a request. It takes only an
// indexed_file (so only what an index found can be sent), checks that the
// file on disk is still the one indexed, and answers conditional requests
// (If-None-Match: 304), byte ranges (Range, If-Range: 206, 416) and HEAD.

#include "net/cached_file.hpp"
#include "net/content_coding.hpp"
#include "net/http_responses.hpp"
#include "net/http_types.hpp"
#include "net/indexed_file.hpp"

#include <optional>
#include <string_view>

namespace veche::net {

// What the response says about the bytes it sends.
struct file_headers {
    std::string_view cache_control;
    content_coding coding = content_coding::identity;  // the file is this coding of the resource
    std::string_view mime_type;                        // the resource's; empty: the file's own
    bool vary_encoding = false;                        // other codings of the resource exist
    // CORS, as /hls/ and /vod/ answer it: vary by Origin, and allow this one (empty: none).
    bool vary_origin = false;
    std::string_view allow_origin{};
    policy_scope policies = policy_scope::document;
};

http::message_generator file_response(const http_request& req, const indexed_file& file, const file_headers& headers);

// The same answers for a file already in memory.
http::message_generator file_response(const http_request& req, const cached_file& file, const file_headers& headers);

// The indexed file read whole into memory, checked as file_response checks it; nothing when it cannot be read
// or is no longer the file indexed.
std::optional<cached_file> read_indexed(const indexed_file& file);

}  // namespace veche::net
