#pragma once
// Reads one JSON object of the config, key by key, knowing its own path so
// every fault names the key it is about. finish() refuses keys nobody read,
// which catches typos such as "qa_opne".

#include "config/config_error.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace veche::config {

class json_object_reader {
public:
    // Throws config_error when value is not an object.
    json_object_reader(const nlohmann::json& value, std::string path);

    std::string path_of(const std::string& key) const;
    bool has(const std::string& key) const;

    std::string required_string(const std::string& key);
    std::optional<std::string> optional_string(const std::string& key);  // absent or null → nothing
    bool optional_bool(const std::string& key, bool fallback);
    std::int64_t optional_integer(const std::string& key, std::int64_t fallback, std::int64_t min, std::int64_t max);
    std::vector<std::string> optional_string_array(const std::string& key);
    // The raw member, for nested objects and arrays; nullptr when absent.
    const nlohmann::json* member(const std::string& key);

    void finish() const;

    [[noreturn]] void fail(const std::string& key, const std::string& fault) const;

private:
    const nlohmann::json& value_;
    std::string path_;
    std::set<std::string> read_;
};

}  // namespace veche::config
