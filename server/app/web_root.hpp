#pragma once

#include <filesystem>

namespace veche::app {

// Where the web client is when http.web_root is not set, found from the
// executable's own location so no build or install path is compiled in:
// BINDIR/../share/veche/web once installed (cmake --install), else
// web-client/dist next to the build directory that holds the executable
// (build/veche in the source tree). The installed place when neither holds
// an index.html, so the warning names where it should be.
std::filesystem::path default_web_root();

}  // namespace veche::app
