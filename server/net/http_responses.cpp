#include "net/http_responses.hpp"

#include "net/content_coding.hpp"
#include "net/gzip_body.hpp"

#include <nlohmann/json.hpp>

namespace veche::net {

void apply_security_headers(http::fields& f) {
    f.set(http::field::server, "veche");
    f.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          "media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
          "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    f.set("X-Content-Type-Options", "nosniff");
    f.set("Referrer-Policy", "no-referrer");
    f.set("X-Frame-Options", "DENY");
    f.set("Cross-Origin-Opener-Policy", "same-origin");
}

http::message_generator text_response(const http_request& req, http::status status, std::string_view content_type,
                                      std::string body, std::string_view cache_control) {
    http::response<http::string_body> res{status, req.version()};
    res.set(http::field::content_type, content_type);
    res.set(http::field::cache_control, cache_control);
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

http::message_generator json_response(const http_request& req, http::status status, const nlohmann::json& body,
                                      std::string_view cache_control) {
    return text_response(req, status, "application/json; charset=utf-8", body.dump(), cache_control);
}

http::message_generator error_response(const http_request& req, http::status status, std::string_view code,
                                       std::string_view message) {
    return json_response(req, status, {{"error", code}, {"message", message}});
}

}  // namespace veche::net

namespace veche::net {

http::message_generator method_not_allowed_response(const http_request& req, std::string_view allow) {
    http::response<http::string_body> res{http::status::method_not_allowed, req.version()};
    res.set(http::field::allow, allow);
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.set(http::field::cache_control, cache::none);
    res.body() = R"({"error":"bad_request","message":"Method not allowed"})";
    return finish_response(req, std::move(res));
}

}  // namespace veche::net
