#pragma once
// Small helpers over the GStreamer C API, shared by the relay and the slate.

#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include <memory>
#include <string>

namespace veche::media {

struct gst_object_unref_deleter {
    void operator()(gpointer p) const { gst_object_unref(p); }
};
using element_ptr = std::unique_ptr<GstElement, gst_object_unref_deleter>;

// gst_init once per process; safe from any thread.
void ensure_gstreamer();

// Builds a pipeline from gst-launch syntax; logs the fault and returns null when it cannot.
element_ptr parse_pipeline(const std::string& description, const std::string& what);

// Calls fn(GstBuffer*) for the sample's buffer, or for each buffer of its list.
template <typename Fn>
void for_each_buffer(GstSample* sample, Fn&& fn) {
    if (GstBufferList* list = gst_sample_get_buffer_list(sample)) {
        const guint n = gst_buffer_list_length(list);
        for (guint i = 0; i < n; ++i) fn(gst_buffer_list_get(list, i));
    } else if (GstBuffer* buffer = gst_sample_get_buffer(sample)) {
        fn(buffer);
    }
}

}  // namespace veche::media
