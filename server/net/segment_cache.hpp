#pragma once
// Replay segments kept in memory once read from disk, so that serving a
// replay costs what serving live video does (one shared buffer written to
// every viewer, no file opened per request): the most recently served kept,
// up to a byte bound. A recorded segment never changes (its name never
// repeats), so an entry is good as long as it is kept. Safe from any thread.

#include "common/metrics_registry.hpp"
#include "net/cached_file.hpp"
#include "net/indexed_file.hpp"

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace veche::net {

class segment_cache {
public:
    // max_bytes 0: nothing is kept, every segment is served from disk.
    segment_cache(std::uint64_t max_bytes, metrics_registry& metrics);

    // The segment at this path (as the recording's index names it), from memory when it is kept there; else read
    // through file_response.hpp's read_indexed and kept. Nothing when it is not kept and cannot be (the cache is
    // off, the file is larger than an eighth of the bound, or it cannot be read): serve it from disk.
    std::optional<cached_file> find(const std::string& path);
    std::optional<cached_file> load(const std::string& path, const indexed_file& file);

private:
    struct entry {
        std::string path;
        cached_file file;
    };
    void add(const std::string& path, const cached_file& file);

    std::uint64_t max_bytes_;
    std::mutex mutex_;
    std::list<entry> recent_;  // most recently served first
    std::unordered_map<std::string, std::list<entry>::iterator> by_path_;
    std::uint64_t bytes_ = 0;
    counter& hits_;
    counter& misses_;
    gauge& kept_bytes_;
};

}  // namespace veche::net
