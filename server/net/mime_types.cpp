#include "net/mime_types.hpp"

#include <array>
#include <utility>

namespace veche::net {

std::string_view mime_type_for(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> types{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".wasm", "application/wasm"},
        {".vtt", "text/vtt; charset=utf-8"},
        {".m3u8", "application/vnd.apple.mpegurl"},
    }};
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return "application/octet-stream";
    const auto ext = name.substr(dot);
    for (const auto& [e, type] : types)
        if (e == ext) return type;
    return "application/octet-stream";
}

}  // namespace veche::net
