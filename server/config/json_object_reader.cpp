#include "config/json_object_reader.hpp"

namespace veche::config {
namespace {

std::string type_name(const nlohmann::json& v) { return v.type_name(); }

}  // namespace

json_object_reader::json_object_reader(const nlohmann::json& value, std::string path)
    : value_(value), path_(std::move(path)) {
    if (!value_.is_object())
        throw config_error(path_, "must be an object, not " + type_name(value_));
}

std::string json_object_reader::path_of(const std::string& key) const {
    return path_.empty() ? key : path_ + '.' + key;
}

bool json_object_reader::has(const std::string& key) const { return value_.contains(key); }

void json_object_reader::fail(const std::string& key, const std::string& fault) const {
    throw config_error(path_of(key), fault);
}

const nlohmann::json* json_object_reader::member(const std::string& key) {
    read_.insert(key);
    const auto it = value_.find(key);
    return it == value_.end() ? nullptr : &*it;
}

std::string json_object_reader::required_string(const std::string& key) {
    const auto* v = member(key);
    if (!v || v->is_null()) fail(key, "missing");
    if (!v->is_string()) fail(key, "must be a string, not " + type_name(*v));
    auto s = v->get<std::string>();
    if (s.empty()) fail(key, "must not be empty");
    return s;
}

std::optional<std::string> json_object_reader::optional_string(const std::string& key) {
    const auto* v = member(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) fail(key, "must be a string, not " + type_name(*v));
    return v->get<std::string>();
}

bool json_object_reader::optional_bool(const std::string& key, bool fallback) {
    const auto* v = member(key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(key, "must be true or false, not " + type_name(*v));
    return v->get<bool>();
}

std::int64_t json_object_reader::optional_integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                                                  std::int64_t max) {
    const auto* v = member(key);
    if (!v) return fallback;
    if (!v->is_number_integer()) fail(key, "must be a whole number, not " + type_name(*v));
    // Past INT64_MAX the number is unsigned: read as int64 it would wrap and be reported as negative.
    const bool huge = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    const auto n = huge ? max : v->get<std::int64_t>();
    if (huge || n < min || n > max)
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", not " + v->dump());
    return n;
}

std::vector<std::string> json_object_reader::optional_string_array(const std::string& key) {
    const auto* v = member(key);
    std::vector<std::string> out;
    if (!v || v->is_null()) return out;
    if (!v->is_array()) fail(key, "must be an array of strings, not " + type_name(*v));
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto& item = (*v)[i];
        if (!item.is_string())
            throw config_error(path_of(key) + '[' + std::to_string(i) + ']', "must be a string, not " + type_name(item));
        out.push_back(item.get<std::string>());
    }
    return out;
}

void json_object_reader::finish() const {
    for (const auto& [key, unused] : value_.items())
        if (!read_.count(key)) fail(key, "unknown key");
}

}  // namespace veche::config
