#pragma once
// A file's bytes held in memory, read once through the one checked place
// (file_response.hpp, read_indexed), with what its answers say about it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace veche::net {

class cached_file {
public:
    cached_file(std::shared_ptr<const std::string> bytes, std::string etag, std::string_view mime_type)
        : bytes_(std::move(bytes)), etag_(std::move(etag)), mime_type_(mime_type) {}

    const std::shared_ptr<const std::string>& bytes() const { return bytes_; }
    std::uint64_t size() const { return bytes_->size(); }
    const std::string& etag() const { return etag_; }
    std::string_view mime_type() const { return mime_type_; }

private:
    std::shared_ptr<const std::string> bytes_;
    std::string etag_;
    std::string_view mime_type_;  // a constant of mime_types.cpp
};

}  // namespace veche::net
