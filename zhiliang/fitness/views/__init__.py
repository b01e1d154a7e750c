"""Fitness pages: overview (county, school, class), a student, phone entry, exports."""
