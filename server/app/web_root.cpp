#include "app/web_root.hpp"

#include <system_error>

namespace veche::app {

std::filesystem::path default_web_root() {
    std::error_code ec;
    const auto exe = std::filesystem::canonical("/proc/self/exe", ec);
    const auto bin = ec ? std::filesystem::current_path(ec) : exe.parent_path();
    const auto installed = (bin / ".." / "share" / "veche" / "web").lexically_normal();
    const auto built = (bin / ".." / "web-client" / "dist").lexically_normal();
    if (std::filesystem::exists(installed / "index.html", ec)) return installed;
    if (std::filesystem::exists(built / "index.html", ec)) return built;
    return installed;
}

}  // namespace veche::app
