#include "net/http_responses.hpp"

#include "net/content_coding.hpp"
#include "net/gzip_body.hpp"

#include <nlohmann/json.hpp>

namespace veche::net {
void apply_security_headers(http::fields& f, policy_scope scope) {
    f.set(http::field::server, "veche");
    f.set("X-Content-Type-Options", "nosniff");
    // A stylesheet's own requests (fonts) follow its response's referrer policy.
    f.set("Referrer-Policy", "no-referrer");
    if (scope == policy_scope::subresource) return;
    f.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          "media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
          "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    f.set("X-Frame-Options", "DENY");
    f.set("Cross-Origin-Opener-Policy", "same-origin");
}

namespace {

constexpr std::string_view json_type = "application/json; charset=utf-8";

// A text answer, compressed when it is worth it; `attachment` names the file a browser saves it as.
http::message_generator text_answer(const http_request& req, http::status status, std::string_view content_type,
                                    std::string body, std::string_view cache_control, std::string_view attachment) {
    http::response<http::string_body> res{status, req.version()};
    res.set(http::field::content_type, content_type);
    res.set(http::field::cache_control, cache_control);
    if (!attachment.empty())
        res.set(http::field::content_disposition, "attachment; filename=\"" + std::string(attachment) + "\"");
    // Worth it past about a kilobyte (a phone on 3G feels every one); smaller answers fit a packet anyway.
    res.set(http::field::vary, "Accept-Encoding");
    if (body.size() > 1024 &&
        choose_coding(req[http::field::accept_encoding], false, true) == content_coding::gzip) {
        body = gzip_compress(body);
        res.set(http::field::content_encoding, "gzip");
    }
    res.body() = std::move(body);
    res.keep_alive(req.keep_alive());
    apply_security_headers(res.base());
    res.prepare_payload();
    if (req.method() == http::verb::head) res.body().clear();  // Content-Length stays that of the GET
    return http::message_generator(std::move(res));
}

}  // namespace

http::message_generator text_response(const http_request& req, http::status status, std::string_view content_type,
                                      std::string body, std::string_view cache_control) {
    return text_answer(req, status, content_type, std::move(body), cache_control, {});
}

http::message_generator csv_response(const http_request& req, std::string_view filename, std::string body) {
    return text_answer(req, http::status::ok, "text/csv; charset=utf-8", std::move(body), cache::none, filename);
}

http::message_generator json_response(const http_request& req, http::status status, const nlohmann::json& body,
                                      std::string_view cache_control) {
    return text_response(req, status, json_type, body.dump(), cache_control);
}

http::status http_status_of(core::error_code code) {
    switch (code) {
        case core::error_code::bad_request:
        case core::error_code::too_long: return http::status::bad_request;
        case core::error_code::unauthorized: return http::status::unauthorized;
        case core::error_code::forbidden: return http::status::forbidden;
        case core::error_code::not_found: return http::status::not_found;
        case core::error_code::closed:
        case core::error_code::conflict: return http::status::conflict;
        case core::error_code::rate_limited: return http::status::too_many_requests;
        case core::error_code::internal: break;
    }
    return http::status::internal_server_error;
}

http::message_generator error_response(const http_request& req, core::error_code code, std::string_view message) {
    return error_response(req, http_status_of(code), code, message);
}

http::message_generator error_response(const http_request& req, http::status status, core::error_code code,
                                       std::string_view message) {
    return text_response(req, status, json_type, error_json(code, message));
}

std::string error_json(core::error_code code, std::string_view message) {
    return nlohmann::json{{"error", core::to_string(code)}, {"message", message}}.dump();
}

http::message_generator method_not_allowed_response(const http_request& req, std::string_view allow) {
    http::response<http::string_body> res{http::status::method_not_allowed, req.version()};
    res.set(http::field::allow, allow);
    res.set(http::field::content_type, json_type);
    res.set(http::field::cache_control, cache::none);
    res.body() = error_json(core::error_code::bad_request, "Method not allowed");
    return finish_response(req, std::move(res));
}

}  // namespace veche::net
