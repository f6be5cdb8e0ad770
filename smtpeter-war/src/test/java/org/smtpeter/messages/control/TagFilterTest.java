package org.smtpeter.messages.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TagFilterTest {

    @Test
    void repeatedParametersAndCommaListsAddUp() {
        TagFilter filter = TagFilter.of(List.of("spring", " news , spring-reminder", "news"));

        assertEquals(Set.of("spring", "news", "spring-reminder"), filter.tags());
        assertEquals(List.of("news", "spring", "spring-reminder"), filter.sorted());
    }

    @Test
    void blankValuesAsFormsSendThemMeanNoCondition() {
        assertTrue(TagFilter.of(Arrays.asList("", " , ", null)).isEmpty());
        assertTrue(TagFilter.of(null).isEmpty());
    }

    @Test
    void tagsKeepTheirCase() {
        assertEquals(Set.of("Spring", "spring"), TagFilter.of(List.of("Spring,spring")).tags());
    }

    @Test
    void refusesMoreTagsThanAQueryShouldCarry() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= TagFilter.MAX_TAGS; i++) {
            many.add("t" + i);
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TagFilter.of(many));
        assertTrue(refused.getMessage().contains(String.valueOf(TagFilter.MAX_TAGS)));
        assertEquals(TagFilter.MAX_TAGS, TagFilter.of(many.subList(0, TagFilter.MAX_TAGS)).tags().size());
    }
}
