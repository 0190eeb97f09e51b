#pragma once
// A file the server may send in answer to a request. Only a file_index makes
// one, from what it found on disk when it was built; a request path is only
// ever a key to look one up, never part of a file path.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace veche::net {

class indexed_file {
public:
    // The key it is found by: "index.html", "assets/app-3f2a.js".
    const std::string& name() const { return name_; }
    // Where it is: absolute, without symbolic links.
    const std::filesystem::path& location() const { return location_; }
    std::uint64_t size() const { return size_; }
    const std::string& etag() const { return etag_; }
    std::string_view mime_type() const { return mime_type_; }
    // Whether an open file is still the one that was indexed (same device and inode).
    bool is_same_file(dev_t device, ino_t inode) const { return device == device_ && inode == inode_; }
    // The same content, compressed when the web client was built (NAME.br, NAME.gz), if the index has it.
    const indexed_file* brotli() const { return brotli_; }
    const indexed_file* gzip() const { return gzip_; }

private:
    friend class file_index;
    indexed_file() = default;

    std::string name_;
    std::filesystem::path location_;
    std::uint64_t size_ = 0;
    std::string etag_;
    std::string_view mime_type_;
    dev_t device_ = 0;
    ino_t inode_ = 0;
    const indexed_file* brotli_ = nullptr;
    const indexed_file* gzip_ = nullptr;
};

}  // namespace veche::net
