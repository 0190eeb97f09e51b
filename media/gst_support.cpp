#include "media/gst_support.hpp"

#include "common/log.hpp"

#include <mutex>

namespace veche::media {

void ensure_gstreamer() {
    static std::once_flag once;
    std::call_once(once, [] { gst_init(nullptr, nullptr); });
}

element_ptr parse_pipeline(const std::string& description, const std::string& what) {
    GError* error = nullptr;
    element_ptr pipeline(gst_parse_launch(description.c_str(), &error));
    // A pipeline with an error is only partly built (a missing element or property): not usable.
    if (error) {
        log::error(what, ": cannot build the pipeline: ", error->message);
        g_clear_error(&error);
        return nullptr;
    }
    return pipeline;
}

}  // namespace veche::media
