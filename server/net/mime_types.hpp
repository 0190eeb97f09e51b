#pragma once

#include <string_view>

namespace veche::net {

// The Content-Type for a file name, by its extension; text types carry charset=utf-8.
std::string_view mime_type_for(std::string_view file_name);

}  // namespace veche::net
