#pragma once
// The files a directory held when the server started, by relative name. The
// web client is immutable while the server runs, so the web root is indexed
// once and every static request is a lookup here: whatever the request path,
// nothing outside the index can be opened.
//
// What is indexed: regular files under the root, and symbolic links whose
// target is a regular file inside the root. Skipped, each with one log line:
// links that lead outside the root or to a directory, special files, and
// anything past the size limits. Names starting with '.' are not indexed.
// NAME.br and NAME.gz, when present, are NAME's compressed copies.

#include "net/indexed_file.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace veche::net {

class file_index {
public:
    file_index() = default;
    // Files point at their compressed copies in the same index: never copied, only moved.
    file_index(const file_index&) = delete;
    file_index& operator=(const file_index&) = delete;
    file_index(file_index&&) = default;
    file_index& operator=(file_index&&) = default;

    struct limits {
        std::size_t max_files = 20'000;
        int max_depth = 16;
    };

    // An empty index when root is missing. Logs what it does (what: "web root").
    static file_index scan(const std::filesystem::path& root, std::string_view what, limits lim);
    static file_index scan(const std::filesystem::path& root, std::string_view what) { return scan(root, what, {}); }

    const indexed_file* find(std::string_view name) const;
    // One file that an index of the caller's own found (a recording's), not a request: `location` must be a
    // regular file (not a link) inside `root`, else nothing. Its name is the file's name (for the log).
    static std::optional<indexed_file> entry(const std::filesystem::path& root, const std::filesystem::path& location);
    std::size_t size() const { return files_.size(); }
    const std::filesystem::path& root() const { return root_; }

private:
    void add(const std::filesystem::path& relative, const std::filesystem::path& location,
             const std::filesystem::path& canonical_root, std::string_view what);

    std::filesystem::path root_;
    std::map<std::string, indexed_file, std::less<>> files_;
};

}  // namespace veche::net
