// heap_peak.hpp — the peak of live heap bytes while a function runs, in AddressSanitizer
// builds (the fuzz targets and native-asan): the sanitizer's malloc/free hooks count every
// block (operator new included) at its real size.  Without ASan, heap_peak_available() is
// false and peak_heap_of() runs the function and returns 0.
//
// One counter for the program: not for use from several threads at once (libFuzzer and
// GoogleTest run one input or test at a time).
//
// Depends on: the sanitizer allocator interface (declared here: GCC ships no header for it),
// the standard library.
#pragma once
#include <algorithm>
#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define PASSERELLE_HEAP_HOOKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PASSERELLE_HEAP_HOOKS 1
#endif
#endif

#ifdef PASSERELLE_HEAP_HOOKS
extern "C" {
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, std::size_t),
                                              void (*free_hook)(const volatile void*));
std::size_t __sanitizer_get_allocated_size(const volatile void* p);
int __sanitizer_get_ownership(const volatile void* p);
}
#endif

namespace passerelle::fuzz {

#ifdef PASSERELLE_HEAP_HOOKS
struct HeapCounter {
  std::size_t live = 0, peak = 0;
  bool counting = false;
};
inline HeapCounter g_heap;
inline void heap_on_malloc(const volatile void* p, std::size_t) {
  if (!g_heap.counting) return;
  g_heap.live += __sanitizer_get_allocated_size(p);
  g_heap.peak = std::max(g_heap.peak, g_heap.live);
}
inline void heap_on_free(const volatile void* p) {
  if (!g_heap.counting || !__sanitizer_get_ownership(p)) return;
  const std::size_t n = __sanitizer_get_allocated_size(p);
  g_heap.live = g_heap.live > n ? g_heap.live - n : 0;  // blocks from before the count
}
inline bool heap_peak_available() {
  static const bool installed =
      __sanitizer_install_malloc_and_free_hooks(heap_on_malloc, heap_on_free) != 0;
  return installed;
}
template <typename F>
std::size_t peak_heap_of(F&& f) {
  if (!heap_peak_available()) {
    f();
    return 0;
  }
  g_heap.live = g_heap.peak = 0;
  g_heap.counting = true;
  f();
  g_heap.counting = false;
  return g_heap.peak;
}
#else
inline bool heap_peak_available() { return false; }
template <typename F>
std::size_t peak_heap_of(F&& f) {
  f();
  return 0;
}
#endif

}  // namespace passerelle::fuzz
