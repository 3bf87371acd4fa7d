/* hostile: the one source */
