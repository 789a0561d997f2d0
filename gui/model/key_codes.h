#pragma once
// Key codes equal to GLFW's (main.cpp static_asserts that), so neither the model nor the views
// need a GLFW header.
namespace ksim::gui {

constexpr int kKeySpace = 32, kKeyPeriod = 46, kKeySlash = 47, kKeyMinus = 45, kKeyEqual = 61;
constexpr int kKeyEscape = 256, kKeyEnter = 257, kKeyTab = 258;
constexpr int kKeyRight = 262, kKeyLeft = 263, kKeyDown = 264, kKeyUp = 265;
constexpr int kKeyPageUp = 266, kKeyPageDown = 267, kKeyHome = 268, kKeyEnd = 269;
constexpr int kKeyF1 = 290, kKeyF5 = 294, kKeyF12 = 301;
constexpr int kKeyLeftShift = 340, kKeyLeftControl = 341;

}  // namespace ksim::gui
