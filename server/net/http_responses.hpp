#pragma once
// Every response the server sends is built here, so each one carries the
// security headers and honours HEAD and keep-alive the same way.

#include "net/http_types.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace veche::net {

namespace cache {
// Answers that may depend on who asks (a token, a cookie, the address) are
// never stored by a browser or a proxy: this is the default of every response.
inline constexpr std::string_view none = "private, no-store";
inline constexpr std::string_view revalidate = "no-cache";
inline constexpr std::string_view immutable = "public, max-age=31536000, immutable";
}  // namespace cache

void apply_security_headers(http::fields& fields);

http::message_generator json_response(const http_request& req, http::status status, const nlohmann::json& body,
                                      std::string_view cache_control = cache::none);

// {"error": code, "message": message}; code uses the contract's error codes.
http::message_generator error_response(const http_request& req, http::status status, std::string_view code,
                                       std::string_view message);

// 405 with the methods the resource allows ("GET, HEAD").
http::message_generator method_not_allowed_response(const http_request& req, std::string_view allow);

http::message_generator text_response(const http_request& req, http::status status, std::string_view content_type,
                                      std::string body, std::string_view cache_control = cache::none);

// A response that already has its headers and body set.
template <typename Body>
http::message_generator finish_response(const http_request& req, http::response<Body>&& res) {
    res.version(req.version());
    res.keep_alive(req.keep_alive());
    apply_security_headers(res.base());
    res.prepare_payload();
    return http::message_generator(std::move(res));
}

}  // namespace veche::net
