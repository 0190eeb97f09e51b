#include "net/router.hpp"

#include "net/http_responses.hpp"
#include "net/url_decoding.hpp"

namespace veche::net {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t pos = 1;  // paths start with '/'
    while (pos <= path.size()) {
        const auto next = path.find('/', pos);
        const auto end = next == std::string_view::npos ? path.size() : next;
        parts.push_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return parts;
}

bool is_placeholder(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

}  // namespace

void router::add(http::verb method, std::string_view pattern, handler h) {
    route r{method, {}, std::move(h)};
    for (auto part : split_path(pattern)) r.segments.emplace_back(part);
    routes_.push_back(std::move(r));
}

void router::set_fallback(handler h) { fallback_ = std::move(h); }

bool router::match(const route& r, const std::vector<std::string_view>& parts, request_context& ctx) {
    if (r.segments.size() != parts.size()) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (is_placeholder(r.segments[i])) {
            if (parts[i].empty()) return false;
        } else if (r.segments[i] != parts[i]) {
            return false;
        }
    }
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (is_placeholder(r.segments[i]))
            ctx.params[r.segments[i].substr(1, r.segments[i].size() - 2)] = std::string(parts[i]);
    return true;
}

void router::dispatch(request_context& ctx, responder respond) const {
    const std::string_view target = ctx.req.target();
    const auto q = target.find('?');
    const auto raw_path = target.substr(0, q);
    ctx.query = q == std::string_view::npos ? std::string{} : std::string(target.substr(q + 1));
    auto path = decode_path(raw_path);
    if (!path || path->empty() || path->front() != '/')
        return respond(error_response(ctx.req, http::status::bad_request, "bad_request", "Malformed request path"));
    ctx.path = std::move(*path);

    const auto method = ctx.req.method() == http::verb::head ? http::verb::get : ctx.req.method();
    const auto parts = split_path(ctx.path);
    std::string allowed;
    for (const auto& r : routes_) {
        if (!match(r, parts, ctx)) continue;
        if (r.method == method) return r.fn(ctx, std::move(respond));
        if (!allowed.empty()) allowed += ", ";
        allowed += std::string(http::to_string(r.method));
        if (r.method == http::verb::get) allowed += ", HEAD";
        ctx.params.clear();
    }
    if (!allowed.empty()) {
        http::response<http::string_body> res{http::status::method_not_allowed, ctx.req.version()};
        res.set(http::field::allow, allowed);
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.body() = R"({"error":"bad_request","message":"Method not allowed"})";
        return respond(finish_response(ctx.req, std::move(res)));
    }
    const bool api = ctx.path == "/api" || ctx.path.starts_with("/api/");
    if (!api && fallback_ && method == http::verb::get) return fallback_(ctx, std::move(respond));
    respond(error_response(ctx.req, http::status::not_found, "not_found", "No such resource"));
}

}  // namespace veche::net
