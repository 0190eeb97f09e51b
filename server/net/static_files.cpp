#include "net/static_files.hpp"

#include "net/http_responses.hpp"
#include "net/mime_types.hpp"

#include <sys/stat.h>

namespace veche::net {
namespace {

bool is_safe_relative_path(std::string_view p) {
    if (p.find('\\') != std::string_view::npos || p.find('\0') != std::string_view::npos) return false;
    std::size_t pos = 0;
    while (pos <= p.size()) {
        const auto next = p.find('/', pos);
        const auto part = p.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
        if (part == ".." || part == "." || (!part.empty() && part.front() == '.')) return false;
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return true;
}

}  // namespace

static_files::static_files(std::filesystem::path root) : root_(std::move(root)) {}

bool static_files::root_exists() const {
    std::error_code ec;
    return std::filesystem::is_regular_file(root_ / "index.html", ec);
}

std::filesystem::path static_files::resolve(const std::string& path) const {
    if (path == "/") return root_ / "index.html";
    const auto rel = std::string_view(path).substr(1);
    if (rel.empty() || !is_safe_relative_path(rel)) return {};
    // A page name without an extension ("/moderator") is the page's HTML file.
    if (rel.find('/') == std::string_view::npos && rel.find('.') == std::string_view::npos)
        return root_ / (std::string(rel) + ".html");
    return root_ / std::string(rel);
}

void static_files::serve(request_context& ctx, const responder& respond) const {
    const auto& req = ctx.req;
    if (!root_exists())
        return respond(text_response(req, http::status::service_unavailable, "text/plain; charset=utf-8",
                                     "The web client is not built. Run: scripts/demo.sh (or npm run build in "
                                     "web-client/).\n"));
    const auto file = resolve(ctx.path);
    struct stat st {};
    if (file.empty() || ::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return respond(text_response(req, http::status::not_found, "text/plain; charset=utf-8", "Not found\n"));

    const auto etag = "\"" + std::to_string(st.st_size) + '-' + std::to_string(st.st_mtim.tv_sec) + '-' +
                      std::to_string(st.st_mtim.tv_nsec / 1000) + "\"";
    const bool immutable = ctx.path.starts_with("/assets/");
    const auto cache_control = immutable ? cache::immutable : cache::revalidate;

    if (req[http::field::if_none_match] == etag) {
        http::response<http::empty_body> res{http::status::not_modified, req.version()};
        res.set(http::field::etag, etag);
        res.set(http::field::cache_control, cache_control);
        return respond(finish_response(req, std::move(res)));
    }

    beast::error_code ec;
    http::file_body::value_type body;
    body.open(file.c_str(), beast::file_mode::scan, ec);
    if (ec) return respond(text_response(req, http::status::not_found, "text/plain; charset=utf-8", "Not found\n"));
    const auto size = body.size();

    if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{http::status::ok, req.version()};
        res.set(http::field::content_type, mime_type_for(file.filename().string()));
        res.set(http::field::cache_control, cache_control);
        res.set(http::field::etag, etag);
        res.keep_alive(req.keep_alive());
        apply_security_headers(res.base());
        res.content_length(size);
        return respond(http::message_generator(std::move(res)));
    }
    http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                        std::make_tuple(http::status::ok, req.version())};
    res.set(http::field::content_type, mime_type_for(file.filename().string()));
    res.set(http::field::cache_control, cache_control);
    res.set(http::field::etag, etag);
    respond(finish_response(req, std::move(res)));
}

}  // namespace veche::net
