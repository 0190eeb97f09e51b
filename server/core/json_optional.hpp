#pragma once
// std::optional in JSON: null when empty. Lets a struct whose JSON form is
// its members, optional ones included, say so in one line
// (NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE).

#include <nlohmann/json.hpp>

#include <optional>

template <typename T>
struct nlohmann::adl_serializer<std::optional<T>> {
    static void to_json(json& j, const std::optional<T>& value) {
        if (value) j = *value;
        else j = nullptr;
    }
    static void from_json(const json& j, std::optional<T>& value) {
        if (j.is_null()) value.reset();
        else value = j.get<T>();
    }
};
