#pragma once
// Every response the server sends is built here, so each one carries the
// security headers and honours HEAD and keep-alive the same way.

#include "core/error_code.hpp"
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
// What an ended session's replay answers (its playlist, its timeline): it changes only when a moderator
// corrects the replay's range, which an edge may then show a few minutes late.
inline constexpr std::string_view ended_replay = "public, max-age=300";
}  // namespace cache

// Which security headers a response carries: every one, or those of a subresource (a script or style under
// /assets/, a font: never a document nor a worker) that leaves out what only a document reads (the
// Content-Security-Policy, X-Frame-Options, Cross-Origin-Opener-Policy): a phone on 3G saves ~400 bytes a file.
enum class policy_scope { document, subresource };
void apply_security_headers(http::fields& fields, policy_scope scope = policy_scope::document);

http::message_generator json_response(const http_request& req, http::status status, const nlohmann::json& body,
                                      std::string_view cache_control = cache::none);

// The one mapping from the error codes (docs/protocol.md) to HTTP statuses (400, 401, 403, 404, 409, 429, 500).
http::status http_status_of(core::error_code code);

// The body of every API error: {"error": code, "message": message}.
std::string error_json(core::error_code code, std::string_view message);

// An error answer, with the status of the code.
http::message_generator error_response(const http_request& req, core::error_code code, std::string_view message);
// The same with a status of its own, for the refusals HTTP names more precisely (413, 431).
http::message_generator error_response(const http_request& req, http::status status, core::error_code code,
                                       std::string_view message);

// 405 with the methods the resource allows ("GET, HEAD").
http::message_generator method_not_allowed_response(const http_request& req, std::string_view allow);

http::message_generator text_response(const http_request& req, http::status status, std::string_view content_type,
                                      std::string body, std::string_view cache_control = cache::none);

// An export (questions.csv, audit.csv) saved as `filename`: 200, never cached, compressed when it is worth it.
// The filename is the server's own (a session's id from the config), never a request's text.
http::message_generator csv_response(const http_request& req, std::string_view filename, std::string body);

// A response that already has its headers and body set.
template <typename Body>
http::message_generator finish_response(const http_request& req, http::response<Body>&& res,
                                        policy_scope scope = policy_scope::document) {
    res.version(req.version());
    res.keep_alive(req.keep_alive());
    apply_security_headers(res.base(), scope);
    res.prepare_payload();
    return http::message_generator(std::move(res));
}

}  // namespace veche::net
