#pragma once
// Serves the built web client: "/" → index.html, "/moderator" → moderator.html,
// other paths as files under the root. Hashed files under /assets/ are cached
// for a year; everything else is revalidated by ETag.

#include "net/http_types.hpp"

#include <filesystem>

namespace veche::net {

class static_files {
public:
    explicit static_files(std::filesystem::path root);

    bool root_exists() const;
    const std::filesystem::path& root() const { return root_; }

    void serve(request_context& ctx, const responder& respond) const;

private:
    std::filesystem::path resolve(const std::string& path) const;

    std::filesystem::path root_;
};

}  // namespace veche::net
