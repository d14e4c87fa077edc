"""Rendering an assessment: table (rich), text (report sentences), csv, json, xlsx.

Machine formats are written as bytes and never pass through rich, whose markup
and wrapping would corrupt them.
"""
