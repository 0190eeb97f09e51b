#include "net/static_files.hpp"

#include "net/file_response.hpp"
#include "net/http_responses.hpp"

namespace veche::net {

static_files::static_files(file_index files) : files_(std::move(files)) {}

bool static_files::has_client() const { return files_.find("index.html") != nullptr; }

const indexed_file* static_files::find(std::string_view path) const {
    if (path == "/") return files_.find("index.html");
    if (!path.starts_with('/')) return nullptr;
    const auto name = path.substr(1);
    // A page name without an extension ("/moderator") is the page's HTML file.
    if (name.find('/') == std::string_view::npos && name.find('.') == std::string_view::npos)
        return files_.find(std::string(name) + ".html");
    return files_.find(name);
}

void static_files::serve(request_context& ctx, const responder& respond) const {
    const auto& req = ctx.req;
    if (req.method() != http::verb::get && req.method() != http::verb::head)
        return respond(method_not_allowed_response(req, "GET, HEAD"));
    if (!has_client())
        return respond(text_response(req, http::status::service_unavailable, "text/plain; charset=utf-8",
                                     "The web client is not built. Run: scripts/demo.sh (or npm run build in "
                                     "web-client/).\n"));
    const auto* file = find(ctx.target.path());
    if (!file) return respond(error_response(req, core::error_code::not_found, "No such file"));
    const bool hashed = file->name().starts_with("assets/");
    file_headers headers{hashed ? cache::immutable : cache::revalidate, content_coding::identity, file->mime_type(),
                         file->brotli() || file->gzip()};
    // A hashed script, style or font is never a document nor a worker (the service worker is /sw.js).
    const auto type = file->mime_type();
    if (hashed && (type.starts_with("text/javascript") || type.starts_with("text/css") || type.starts_with("font/")))
        headers.policies = policy_scope::subresource;
    // Each coding is its own file with its own ETag, so 304 and ranges hold for each.
    headers.coding = choose_coding(req[http::field::accept_encoding], file->brotli(), file->gzip());
    const auto* sent = headers.coding == content_coding::br     ? file->brotli()
                       : headers.coding == content_coding::gzip ? file->gzip()
                                                                : file;
    respond(file_response(req, *sent, headers));
}

}  // namespace veche::net
