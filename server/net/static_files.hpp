#pragma once
// Serves the built web client from the index of its files made at start-up:
// "/" → index.html, "/moderator" → moderator.html, "/assets/x.js" → that
// file. A request path is only a key into the index (file_index.hpp). Hashed
// files under /assets/ are cached for a year; everything else is revalidated
// by ETag.

#include "net/file_index.hpp"
#include "net/http_types.hpp"

#include <string_view>

namespace veche::net {

class static_files {
public:
    explicit static_files(file_index files);

    // Whether the web client is built (the index has index.html).
    bool has_client() const;
    const std::filesystem::path& root() const { return files_.root(); }

    // The file a decoded request path names, or nothing.
    const indexed_file* find(std::string_view path) const;

    void serve(request_context& ctx, const responder& respond) const;

private:
    file_index files_;
};

}  // namespace veche::net
