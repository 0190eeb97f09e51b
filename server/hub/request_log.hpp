#pragma once
// The first answer to each (participant, rid) in a room, so a request sent
// again (after a reconnect, say) is answered the same and applied once.
// Looked up on every request with a rid: keyed per participant, found
// without building a key string.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace veche::hub {

class request_log {
public:
    const std::string* find(std::string_view participant, std::string_view rid) const;
    void add(std::string_view participant, std::string_view rid, std::string reply);
    std::size_t size() const { return size_; }

private:
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    using by_rid = std::unordered_map<std::string, std::string, text_hash, std::equal_to<>>;
    std::unordered_map<std::string, by_rid, text_hash, std::equal_to<>> replies_;
    std::size_t size_ = 0;
};

}  // namespace veche::hub
