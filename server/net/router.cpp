#include "net/router.hpp"

#include "net/http_responses.hpp"

namespace veche::net {
namespace {

std::vector<std::string> split_pattern(std::string_view pattern) {
    std::vector<std::string> parts;
    std::size_t pos = 1;  // patterns start with '/'
    while (pos <= pattern.size()) {
        const auto next = pattern.find('/', pos);
        const auto end = next == std::string_view::npos ? pattern.size() : next;
        parts.emplace_back(pattern.substr(pos, end - pos));
        pos = end + 1;
    }
    return parts;
}

bool is_placeholder(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

}  // namespace

void router::add(http::verb method, std::string_view pattern, handler h) {
    routes_.push_back(route{method, split_pattern(pattern), std::move(h)});
}

void router::set_fallback(handler h) { fallback_ = std::move(h); }

bool router::match(const route& r, const std::vector<std::string>& parts, request_context& ctx) {
    if (r.segments.size() != parts.size()) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (is_placeholder(r.segments[i])) {
            if (parts[i].empty()) return false;
        } else if (r.segments[i] != parts[i]) {
            return false;
        }
    }
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (is_placeholder(r.segments[i])) ctx.params[r.segments[i].substr(1, r.segments[i].size() - 2)] = parts[i];
    return true;
}

void router::dispatch(request_context& ctx, responder respond) const {
    auto parsed = request_target::parse(ctx.req.target());
    if (const auto* refusal = std::get_if<std::string_view>(&parsed)) {
        if (refused_) refused_->inc();
        return respond(error_response(ctx.req, core::error_code::bad_request, *refusal));
    }
    ctx.target = std::move(std::get<request_target>(parsed));

    const auto method = ctx.req.method() == http::verb::head ? http::verb::get : ctx.req.method();
    const auto& parts = ctx.target.segments();
    std::string allowed;
    for (const auto& r : routes_) {
        if (!match(r, parts, ctx)) continue;
        if (r.method == method) return r.fn(ctx, std::move(respond));
        if (!allowed.empty()) allowed += ", ";
        allowed += std::string(http::to_string(r.method));
        if (r.method == http::verb::get) allowed += ", HEAD";
        ctx.params.clear();
    }
    if (!allowed.empty()) return respond(method_not_allowed_response(ctx.req, allowed));
    const bool api = !parts.empty() && parts.front() == "api";
    if (!api && fallback_) return fallback_(ctx, std::move(respond));
    respond(error_response(ctx.req, core::error_code::not_found, "No such resource"));
}

}  // namespace veche::net
